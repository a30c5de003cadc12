package io.countersign.chat;

/** What a platform's call back is answered: a status and, where the platform reads one, a JSON body. */
public record ChatCallbackAnswer(int status, String json) {

    public static ChatCallbackAnswer ok() {
        return new ChatCallbackAnswer(200, null);
    }

    public static ChatCallbackAnswer unauthorized() {
        return new ChatCallbackAnswer(401, null);
    }
}
