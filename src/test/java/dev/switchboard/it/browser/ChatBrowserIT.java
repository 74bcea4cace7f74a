package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.Pages.number;

import dev.switchboard.it.ServerUnderTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real browsers chat over an RTCDataChannel set up through the server. */
class ChatBrowserIT {

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void aMessageIsDeliveredBothWaysOverTheDataChannel() {
        String room = ServerUnderTest.uniqueRoom();
        try (Browser a = new Browser("a"); Browser b = new Browser("b")) {
            a.open(Pages.chat(room));
            a.click("connect");
            b.open(Pages.chat(room));
            b.click("connect");
            a.await("the channel to b is open", snapshot -> number(snapshot, "openChannels") == 1);
            b.await("the channel to a is open", snapshot -> number(snapshot, "openChannels") == 1);

            a.type("text", "hello from a");
            a.click("send");
            b.await("b received a's message", snapshot -> ((List<?>) snapshot.get("received")).contains("hello from a"));

            b.type("text", "hi a, this is b");
            b.click("send");
            a.await("a received b's message", snapshot -> ((List<?>) snapshot.get("received")).contains("hi a, this is b"));
            a.screenshot("chat-a.png");
        }
    }
}
