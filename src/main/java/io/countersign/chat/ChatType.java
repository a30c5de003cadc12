package io.countersign.chat;

/** The chat platforms a channel can post to; each name is also its notification channel. */
public enum ChatType {
    SLACK,
    TEAMS,
    DISCORD,
    TELEGRAM
}
