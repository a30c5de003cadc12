/** Sign-in, API tokens, tool roles and the bootstrap administrator. */
package io.countersign.security;
