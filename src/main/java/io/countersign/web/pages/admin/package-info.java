/**
 * The administration pages: users, groups, levels, resources, webhooks and API tokens, for ADMIN
 * only, over the same services the API uses.
 */
package io.countersign.web.pages.admin;
