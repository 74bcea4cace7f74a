package dev.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Room grants: exact names, and prefixes that end in {@code *}. */
class GrantsTest {

    @Test
    void anExactNameGrantsThatRoomOnly() {
        Grants grants = new Grants(List.of("team-4"), true, false);
        assertTrue(grants.allowsRoom("team-4"));
        assertFalse(grants.allowsRoom("team-42"));
        assertFalse(grants.allowsRoom("team-"));
        assertFalse(grants.allowsRoom("Team-4"));
    }

    @Test
    void aPrefixGrantsEveryRoomThatStartsWithIt() {
        Grants grants = new Grants(List.of("team-42-*"), true, false);
        assertTrue(grants.allowsRoom("team-42-standup"));
        assertTrue(grants.allowsRoom("team-42-"));
        assertFalse(grants.allowsRoom("team-42"));
        assertFalse(grants.allowsRoom("team-4"));
        assertFalse(grants.allowsRoom("team-421-x"));
    }

    @Test
    void aLoneStarGrantsEveryRoom() {
        assertTrue(new Grants(List.of("*"), false, false).allowsRoom("anything"));
    }

    @Test
    void aStarInsideANameIsJustACharacter() {
        Grants grants = new Grants(List.of("a*b"), false, false);
        assertFalse(grants.allowsRoom("axxb"));
        assertTrue(grants.allowsRoom("a*b"));
    }

    @Test
    void noRoomsGrantNoRoom() {
        assertFalse(Grants.NONE.allowsRoom("r"));
    }
}
