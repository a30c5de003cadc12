package io.countersign.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** What a call is: one of the pages a person reads, as against those machines read, and whether it sends a form. */
public final class PageRequests {

    private PageRequests() {}

    /** Anything but the machine-read paths: the API, the actuator's endpoints and the chat platforms' call backs. */
    public static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/actuator/") && !path.startsWith("/chat/");
    }

    /** Whether a body of this {@code Content-Type} is a form, URL-encoded or multipart; an unreadable type is none. */
    public static boolean isForm(String type) {
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return MediaType.APPLICATION_FORM_URLENCODED.includes(media)
                    || MediaType.MULTIPART_FORM_DATA.includes(media);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
