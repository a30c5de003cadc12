package io.countersign.chat;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;

/** What the tests of the channels API share: a Slack channel with known secrets, as the API takes it. */
@ChatTest
abstract class ChatChannelsApiFixture {

    static final String BOT_TOKEN = "xoxb-secret-bot-token-1";
    static final String SIGNING_SECRET = "signing-secret-8c1f";

    @Autowired
    Api api;

    Map<String, Object> slackChannel(String name, String apiBaseUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "SLACK");
        body.put("botToken", BOT_TOKEN);
        body.put("signingSecret", SIGNING_SECRET);
        body.put("channel", "C0123456789");
        body.put("directMessages", false);
        body.put("apiBaseUrl", apiBaseUrl);
        return body;
    }
}
