package io.countersign.web.pages;

import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/** The links of a list page that pages by cursor: on to the next page, back to the first. */
public final class PageLinks {

    private PageLinks() {}

    /**
     * Adds {@code nextPage} (when there is a {@code next} cursor) and {@code firstPage} (when this is not
     * the first page) to the model, both keeping the filters already on {@code here}.
     */
    public static void add(Model model, UriComponentsBuilder here, String cursor, String next) {
        model.addAttribute(
                "nextPage",
                next == null
                        ? null
                        : here.cloneBuilder()
                                .queryParam("cursor", next)
                                .build()
                                .encode()
                                .toUriString());
        model.addAttribute(
                "firstPage", cursor == null ? null : here.build().encode().toUriString());
    }
}
