package io.countersign.chat;

/**
 * What a platform's call back is answered: a status and, where the platform reads one, a JSON body;
 * or, for a refused call, a short plain-text explanation.
 */
public record ChatCallbackAnswer(int status, String json, String text) {

    public ChatCallbackAnswer(int status, String json) {
        this(status, json, null);
    }

    public static ChatCallbackAnswer ok() {
        return new ChatCallbackAnswer(200, null, null);
    }

    public static ChatCallbackAnswer refused(String explanation) {
        return new ChatCallbackAnswer(401, null, explanation);
    }
}
