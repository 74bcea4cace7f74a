package dev.switchboard.it.browser;

import static dev.switchboard.it.browser.Pages.fewestFrames;
import static dev.switchboard.it.browser.Pages.remotes;

import dev.switchboard.it.ServerUnderTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real browsers on the directory page: they see each other, call by name, talk, hang up, message. */
class DirectoryBrowserIT {

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    private static String uniqueName(String base) {
        return base + " " + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    private static void logIn(Browser browser, String name) {
        browser.open(ServerUnderTest.httpUri("/directory.html").toString());
        browser.type("name", name);
        browser.click("login");
        browser.await("logged in as " + name, snapshot -> name.equals(snapshot.get("name")));
    }

    private static boolean sees(Map<String, Object> snapshot, String name) {
        return ((List<?>) snapshot.get("online")).contains(name);
    }

    /** Both log in and see each other; a clicks b's name; b is shown the incoming call. */
    private static void aCallsB(Browser a, String aName, Browser b, String bName) {
        logIn(a, aName);
        logIn(b, bName);
        a.await(aName + " sees " + bName + " online", snapshot -> sees(snapshot, bName));
        b.await(bName + " sees " + aName + " online", snapshot -> sees(snapshot, aName));
        a.clickCss("button[data-call='" + bName + "']");
        b.await(bName + " is being called by " + aName, snapshot -> aName.equals(snapshot.get("incoming")));
    }

    private static void awaitCall(Browser browser) {
        Map<String, Object> up = browser.await("a call with moving video",
                snapshot -> Pages.connectedWithVideo(snapshot, 1));
        long frames = fewestFrames(up);
        browser.await("frames grow past " + frames,
                snapshot -> Pages.connectedWithVideo(snapshot, 1) && fewestFrames(snapshot) > frames + 5);
    }

    @Test
    void twoPeopleSeeEachOtherCallByNameTalkHangUpAndMessage() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (Browser a = new Browser("alice"); Browser b = new Browser("bob")) {
            aCallsB(a, alice, b, bob);
            b.screenshot("directory-incoming-call.png");
            b.click("accept");
            awaitCall(a);
            awaitCall(b);
            a.screenshot("directory-call-alice.png");

            a.click("hangup");
            a.await("alice's call ended", snapshot -> Boolean.FALSE.equals(snapshot.get("inCall")));
            b.await("bob sees alice hang up", snapshot -> Boolean.FALSE.equals(snapshot.get("inCall"))
                    && remotes(snapshot).isEmpty() && String.valueOf(snapshot.get("status")).contains("hung up"));

            a.select("to", bob);
            a.type("text", "hello Bob");
            a.click("send");
            b.await("bob received alice's message",
                    snapshot -> ((List<?>) snapshot.get("received")).contains(alice + ": hello Bob"));
            b.screenshot("directory-bob.png");
        }
    }

    @Test
    void aDeclinedCallIsToldToTheCaller() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (Browser a = new Browser("alice"); Browser b = new Browser("bob")) {
            aCallsB(a, alice, b, bob);
            b.click("decline");
            a.await("alice hears the call was declined", snapshot -> Boolean.FALSE.equals(snapshot.get("inCall"))
                    && String.valueOf(snapshot.get("status")).contains("declined"));
        }
    }
}
