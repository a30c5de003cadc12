package io.countersign.mail.internal.inbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the refusal replies that would have been mailed. */
class RecordedRefusals implements RefusalReplies {

    private final List<RefusalReply> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(RefusalReply reply) {
        sent.add(reply);
    }

    List<RefusalReply> sent() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }
}
