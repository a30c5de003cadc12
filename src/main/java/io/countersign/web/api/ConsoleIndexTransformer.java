package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Makes the console send an API token. The console's page and scripts are public (they hold no
 * data), but the document it loads and every call it tries need a token, and a browser cannot put
 * one on a page load. So the page asks once per tab, keeps the token in the tab's session storage
 * (gone when the tab closes) and adds it to every call, the document's included; the console's own
 * "Authorize" button, when used, takes precedence. A token refused with 401 (mistyped, revoked,
 * expired), or none given, would leave a console that cannot load the document nor ask again: the
 * token is forgotten and a form above the console takes another, built by the script since the
 * content policy allows no inline script.
 */
@Component
class ConsoleIndexTransformer extends SwaggerIndexPageTransformer {

    static final String INTERCEPTOR = """
                requestInterceptor: (request) => {
                  if (request.headers.Authorization || request.url.endsWith('/swagger-config')) {
                    return request;
                  }
                  let token = window.sessionStorage.getItem('countersign-token');
                  if (!token) {
                    token = (window.prompt('Countersign API token (kept in this browser tab only)') || '').trim();
                    if (token) {
                      window.sessionStorage.setItem('countersign-token', token);
                    }
                  }
                  if (token) {
                    request.headers.Authorization = 'Bearer ' + token;
                  }
                  return request;
                },
                responseInterceptor: (response) => {
                  if (response.status === 401) {
                    window.sessionStorage.removeItem('countersign-token');
                    countersignAskForToken();
                  }
                  return response;
                },
            """;

    /** The form that takes a token again after a 401; it reloads the console, which then sends it. */
    static final String TOKEN_FORM = """
            function countersignAskForToken() {
              if (document.getElementById('countersign-token-form')) {
                return;
              }
              const form = document.createElement('form');
              form.id = 'countersign-token-form';
              const said = document.createElement('p');
              said.setAttribute('role', 'alert');
              said.textContent = 'The API token was missing or refused (401). Enter an API token to use the console.';
              const label = document.createElement('label');
              label.htmlFor = 'countersign-token';
              label.textContent = 'Countersign API token (kept in this browser tab only) ';
              const field = document.createElement('input');
              field.type = 'password';
              field.id = 'countersign-token';
              field.autocomplete = 'off';
              const button = document.createElement('button');
              button.type = 'submit';
              button.textContent = 'Use this token';
              form.append(said, label, field, button);
              form.addEventListener('submit', (event) => {
                event.preventDefault();
                const token = field.value.trim();
                if (token) {
                  window.sessionStorage.setItem('countersign-token', token);
                  window.location.reload();
                }
              });
              document.body.insertBefore(form, document.body.firstChild);
            }
            """;

    private static final String ANCHOR = "dom_id: '#swagger-ui',";

    ConsoleIndexTransformer(
            SwaggerUiConfigProperties config,
            SwaggerUiOAuthProperties oauth,
            SwaggerWelcomeCommon welcome,
            ObjectMapperProvider mappers) {
        super(config, oauth, welcome, mappers);
    }

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        Resource transformed = super.transform(request, resource, chain);
        if (!"swagger-initializer.js".equals(resource.getFilename())) {
            return transformed;
        }
        String script = new String(transformed.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (!script.contains(ANCHOR)) {
            throw new IllegalStateException("The console's initializer changed; it has no " + ANCHOR);
        }
        return new TransformedResource(
                resource,
                (TOKEN_FORM + script.replace(ANCHOR, ANCHOR + "\n" + INTERCEPTOR)).getBytes(StandardCharsets.UTF_8));
    }
}
