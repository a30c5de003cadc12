package io.countersign.audit;

/** The single row that records the last event's id and hash. */
record ChainHead(long lastId, String lastHash) {}
