package io.countersign.web.api;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ordered levels, lowest first, as a plain JSON array of names. */
@RestController
@RequestMapping("/api/v1/levels")
class LevelController {

    private final Levels levels;

    LevelController(Levels levels) {
        this.levels = levels;
    }

    @GetMapping
    List<String> list() {
        return levels.list();
    }

    @PutMapping
    List<String> replace(Actor actor, @RequestBody List<String> ordered) {
        return levels.replace(actor, ordered);
    }
}
