package io.countersign.bundle;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.testing.Api;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Posts bundles with the content type a test chooses, which the JSON-only {@link Api} helper cannot. */
final class Importer {

    private final MockMvc mvc;

    Importer(MockMvc mvc) {
        this.mvc = mvc;
    }

    Api.Response json(String body) {
        return send(Api.ADMIN_TOKEN, MediaType.APPLICATION_JSON_VALUE, body);
    }

    Api.Response yaml(String body) {
        return send(Api.ADMIN_TOKEN, "application/yaml", body);
    }

    Api.Response send(String token, String contentType, String body) {
        return send("/api/v1/import", token, contentType, body);
    }

    /** A dry run: what the bundle would change, with nothing committed. */
    Api.Response dryRun(String token, String contentType, String body) {
        return send("/api/v1/import?dryRun=true", token, contentType, body);
    }

    private Api.Response send(String path, String token, String contentType, String body) {
        try {
            var response = mvc.perform(post(path)
                            .header("Authorization", "Bearer " + token)
                            .contentType(contentType)
                            .accept(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andReturn()
                    .getResponse();
            return new Api.Response(response.getStatus(), response.getContentAsString(), response.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
