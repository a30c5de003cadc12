package io.countersign.web.api;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ordered levels, lowest first, as a plain JSON array of names. */
@Tag(name = "Levels", description = "The ordered ranks of users.")
@RestController
@RequestMapping("/api/v1/levels")
class LevelController {

    private final Levels levels;
    private final UnreadBodyValues unread;

    LevelController(Levels levels, UnreadBodyValues unread) {
        this.levels = levels;
        this.unread = unread;
    }

    @Operation(operationId = "listLevels", summary = "List the levels, lowest first")
    @GetMapping
    List<String> list() {
        return levels.list();
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceLevels", summary = "Replace the ordered levels")
    @PutMapping
    List<String> replace(Actor actor, @RequestBody List<String> ordered) {
        return unread.refuseOr("levels", () -> levels.replace(actor, ordered));
    }
}
