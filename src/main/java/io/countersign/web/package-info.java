/** The REST API ({@code api}) and, later, the server-rendered pages; depends on every module, nothing depends on it. */
package io.countersign.web;
