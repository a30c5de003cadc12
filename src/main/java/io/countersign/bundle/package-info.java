/**
 * Bulk import: one YAML or JSON bundle of levels, users, groups, resources and policies, applied all
 * or nothing through the public import services of the directory, inventory and policy modules.
 */
package io.countersign.bundle;
