package io.countersign.web.api;

import io.countersign.bundle.Bundle;
import io.countersign.bundle.BundleFormat;
import io.countersign.bundle.BundleImporter;
import io.countersign.bundle.ImportPreview;
import io.countersign.bundle.ImportSummary;
import io.countersign.directory.Upserted;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/import}: a YAML or JSON bundle, applied all or nothing. */
@Tag(name = "Import", description = "Loading a whole organisation from one bundle.")
@RestController
class ImportController {

    static final String YAML = "application/yaml";
    static final String X_YAML = "application/x-yaml";

    @Schema(requiredProperties = {"created", "updated", "unchanged"})
    record Counts(int created, int updated, int unchanged) {
        static Counts of(Upserted upserted) {
            return new Counts(upserted.created(), upserted.updated(), upserted.unchanged());
        }
    }

    @Schema(requiredProperties = {"levels", "users", "groups", "resources", "policies"})
    record ImportResponse(int levels, Counts users, Counts groups, Counts resources, Counts policies) {
        static ImportResponse of(ImportSummary summary) {
            return new ImportResponse(
                    summary.levels(),
                    Counts.of(summary.users()),
                    Counts.of(summary.groups()),
                    Counts.of(summary.resources()),
                    Counts.of(summary.policies()));
        }
    }

    private final BundleImporter importer;

    ImportController(BundleImporter importer) {
        this.importer = importer;
    }

    /** With {@code dryRun=true}: what the import would change, by kind and name; nothing is committed. */
    @Operation(
            operationId = "importBundle",
            summary = "Import a bundle of levels, users, groups, resources and policies, all or nothing",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description = "The bundle, as `GET /export` answers it, in JSON or YAML",
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Bundle.class)),
                                @Content(mediaType = YAML, schema = @Schema(implementation = Bundle.class)),
                                @Content(mediaType = X_YAML, schema = @Schema(implementation = Bundle.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "Without `dryRun`: how many entries of each kind were created, updated or left unchanged;"
                    + " `levels` is the number of levels the bundle's `levels` section set (it replaces the whole"
                    + " ordered list), 0 without that section."
                    + " With `dryRun=true`: the names each kind would have created, updated, deleted or unchanged;"
                    + " nothing was committed.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(anyOf = {ImportResponse.class, ImportPreview.class})))
    @PostMapping(
            path = "/api/v1/import",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, X_YAML})
    Object importBundle(
            Actor actor,
            // the media type of the body, which the description gives as the request body's content
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(schema = @Schema(type = "boolean", defaultValue = "false")) @RequestParam(required = false)
                    Boolean dryRun,
            @RequestBody(required = false) byte[] body) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException twoOrMalformed) {
            // two Content-Type headers arrive joined with a comma, which no single type parses
            throw InvalidInputException.of(
                    "Content-Type",
                    "invalid_value",
                    "send one Content-Type: application/json or application/yaml; nothing was changed");
        }
        BundleFormat format = type.isCompatibleWith(MediaType.APPLICATION_JSON) ? BundleFormat.JSON : BundleFormat.YAML;
        if (Boolean.TRUE.equals(dryRun)) {
            return importer.preview(actor, body, format);
        }
        return ImportResponse.of(importer.importBundle(actor, body, format));
    }
}
