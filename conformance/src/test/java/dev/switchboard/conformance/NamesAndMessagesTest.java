package dev.switchboard.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names the kit makes up keep the protocol's rules and its own prefix; its messages are what it means. */
class NamesAndMessagesTest {

    @Test
    void roomAndUserNamesAreValidRandomAndMarkedAsTheKits() {
        String room = Session.newRoom();
        assertTrue(room.matches("conf-[A-Za-z0-9]{16}") && room.length() <= 64, room);
        assertNotEquals(room, Session.newRoom());
        String name = Session.newName();
        assertTrue(name.matches("Conf-[A-Za-z0-9]{12}") && name.length() <= 32, name);
    }

    @Test
    void aNullValueIsSentAsAnExplicitNull() {
        assertEquals("{\"type\":\"candidate\",\"candidate\":null}", Frames.message("candidate", "candidate", null).toString());
        assertEquals("{\"type\":\"join\",\"room\":\"r\",\"id\":3}", Frames.message("join", "room", "r", "id", 3).toString());
    }

    @Test
    void quotedFramesHideSessionDescriptionsAndCredentials() {
        String quoted = Frames.quoted(Frames.message("welcome", "peerId", "p", "resumeToken", "secret-token",
                "iceServers", new Object[] {Map.of("urls", "turn:x", "credential", "secret-credential")}));
        assertFalse(quoted.contains("secret"), quoted);
        assertTrue(quoted.contains("\"resumeToken\":\"<12 characters>\""), quoted);
        assertTrue(quoted.contains("\"iceServers\":\"<1 servers>\""), quoted);
    }
}
