package io.countersign.web.api;

import io.countersign.bundle.Bundle;
import io.countersign.bundle.BundleExporter;
import io.countersign.bundle.BundleFormat;
import io.countersign.bundle.BundleWriter;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/export}: the configuration as the bundle {@code POST /api/v1/import} reads. */
@Tag(name = "Import", description = "Loading a whole organisation from one bundle.")
@RestController
class ExportController {

    private final BundleExporter exporter;

    ExportController(BundleExporter exporter) {
        this.exporter = exporter;
    }

    /**
     * YAML unless the caller asks for JSON, which it does by naming it, or any {@code +json} type, before
     * any YAML type in {@code Accept}, or by giving YAML quality 0.
     */
    @Operation(
            operationId = "exportBundle",
            summary = "Export levels, users, groups, resources and policies as a bundle, without any secret")
    @ApiResponse(
            responseCode = "200",
            description = "The bundle: YAML by default, JSON with `Accept: application/json`",
            content = {
                @Content(mediaType = ImportController.YAML, schema = @Schema(implementation = Bundle.class)),
                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Bundle.class))
            })
    @GetMapping(
            path = "/api/v1/export",
            produces = {ImportController.YAML, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> export(
            Actor actor, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        BundleFormat format = wantsJson(accept) ? BundleFormat.JSON : BundleFormat.YAML;
        byte[] body = BundleWriter.write(exporter.export(actor), format);
        return ResponseEntity.ok()
                .contentType(
                        format == BundleFormat.JSON
                                ? MediaType.APPLICATION_JSON
                                : MediaType.parseMediaType(ImportController.YAML))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"countersign-bundle." + (format == BundleFormat.JSON ? "json" : "yaml")
                                + "\"")
                .body(body);
    }

    private static boolean wantsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> named = MediaType.parseMediaTypes(accept);
        double json = AcceptedTypes.quality(named, MediaType.APPLICATION_JSON);
        double yaml = AcceptedTypes.quality(named, MediaType.APPLICATION_YAML);
        if (json == 0 || yaml == 0) {
            return yaml == 0;
        }
        List<MediaType> types = named.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType type : types) {
            // application/* names no type more than */* does: both admit either, and get the default
            if (type.isWildcardType() || type.isWildcardSubtype() && type.getSubtypeSuffix() == null) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix())) {
                return true;
            }
            if (type.getSubtype().contains("yaml")) {
                return false;
            }
        }
        return false;
    }
}
