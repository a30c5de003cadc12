package io.countersign.mail.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a step's policy takes decisions, said to a person: "by mail", not {@code EMAIL}. The names
 * are a policy's {@code allowedDecisionChannels}; {@code WEB} is every page of Countersign, the
 * decision link's and the request's alike.
 */
final class DecisionChannels {

    private DecisionChannels() {}

    /**
     * "The policy takes decisions on this step only by mail or in Slack.", adding that a reply decides
     * nothing while approving by mail is off, lest mail be taken for a way that works.
     */
    static String onlyThrough(List<String> channels, boolean approveByMail) {
        String sentence = "The policy takes decisions on this step only " + either(channels) + ".";
        if (channels.contains("EMAIL") && !approveByMail) {
            sentence += " Approving by mail is switched off at present, so a reply to this mail decides nothing.";
        }
        return sentence;
    }

    /** "by mail", "by mail or in Slack", "on Countersign's pages, by mail or in Slack". */
    static String either(List<String> ways) {
        List<String> said =
                ways.stream().map(DecisionChannels::where).distinct().toList();
        if (said.size() == 1) {
            return said.get(0);
        }
        return said.subList(0, said.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
                + said.get(said.size() - 1);
    }

    private static String where(String channel) {
        return switch (channel) {
            case "WEB" -> "on Countersign's pages";
            case "EMAIL" -> "by mail";
            case "API" -> "through Countersign's API";
            case "SLACK" -> "in Slack";
            case "TELEGRAM" -> "in Telegram";
            default -> "through " + channel;
        };
    }
}
