package dev.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.DirectMessage;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Leave;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.Logout;
import dev.switchboard.protocol.Signals;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a connection's grants make of each message. */
class AccessTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final InstantSource AT_NOW = InstantSource.fixed(NOW);
    private static final InstantSource AT_LATER = InstantSource.fixed(LATER);

    private static Access access(Grants grants, String name) {
        return Access.of(new AccessToken("alice", name, LATER, grants));
    }

    private static ClientMessage allowed(AccessDecision decision) {
        return assertInstanceOf(AccessDecision.Allowed.class, decision).message();
    }

    private static ErrorCode refused(AccessDecision decision) {
        return assertInstanceOf(AccessDecision.Refused.class, decision).code();
    }

    @Test
    void withAccessControlOffEverythingIsAllowedUnchanged() {
        Create create = new Create("any", 1);
        assertSame(create, allowed(Access.unrestricted().decide(create, AT_NOW)));
        Login login = new Login("anyone", null, null, 2, null);
        assertSame(login, allowed(Access.unrestricted().decide(login, AT_NOW)));
    }

    @Test
    void aGrantedRoomMayBeCreatedJoinedOrBoth() {
        Access access = access(new Grants(List.of("team-42-*"), true, false), null);
        for (ClientMessage entry : List.of(new Create("team-42-a", 1), new Join("team-42-a", 1), new CreateOrJoin("team-42-a", 1))) {
            assertSame(entry, allowed(access.decide(entry, AT_NOW)));
        }
    }

    @Test
    void aRoomNotGrantedIsForbiddenForEveryKindOfEntry() {
        Access access = access(new Grants(List.of("team-42-*"), true, true), null);
        for (ClientMessage entry : List.of(new Create("team-4", 1), new Join("team-4", 1), new CreateOrJoin("team-4", 1))) {
            assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(entry, AT_NOW)), entry::toString);
        }
    }

    /** Found by the conformance kit: an entry without a room threw in the grant check and got no reply. */
    @Test
    void anEntryWithoutARoomIsForbiddenEvenUnderAPrefixForAll() {
        Access access = access(new Grants(List.of("*"), true, true), null);
        for (ClientMessage entry : List.of(new Create(null, 1), new Join(null, 1), new CreateOrJoin(null, 1))) {
            assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(entry, AT_NOW)), entry::toString);
        }
    }

    @Test
    void withoutCreateACreateIsForbiddenAndACreateOrJoinOnlyJoins() {
        Access access = access(new Grants(List.of("r"), false, false), null);
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new Create("r", 1), AT_NOW)));
        assertEquals(new Join("r", 7), allowed(access.decide(new CreateOrJoin("r", 7), AT_NOW)));
        assertEquals(new Join("r", 8), allowed(access.decide(new Join("r", 8), AT_NOW)));
    }

    @Test
    void withoutTheDirectoryLoginAndDirectMessagesAreForbidden() {
        Access access = access(new Grants(List.of("r"), true, false), null);
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new Login("alice", null, null, 1, null), AT_NOW)));
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new DirectMessage(null, "bob", null, null, null, 2), AT_NOW)));
    }

    @Test
    void aTokenThatNamesItsUserLogsInUnderThatNameOnly() {
        Access access = access(new Grants(List.of(), false, true), "Alice");
        assertEquals("Alice", ((Login) allowed(access.decide(new Login(null, null, null, 1, null), AT_NOW))).name());
        assertEquals("Alice", ((Login) allowed(access.decide(new Login("Alice", null, null, 1, null), AT_NOW))).name());
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new Login("Bob", null, null, 1, null), AT_NOW)));
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new Login("alice", null, null, 1, null), AT_NOW)));
    }

    @Test
    void afterExpiryNoNewEntryOrLoginButWhatWasEnteredGoesOn() {
        Access access = access(new Grants(List.of("r"), true, true), null);
        for (ClientMessage entry : List.of(new Create("r", 1), new Join("r", 1), new CreateOrJoin("r", 1),
                new Login("alice", null, null, 1, null))) {
            assertEquals(ErrorCode.TOKEN_EXPIRED, refused(access.decide(entry, AT_LATER)), entry::toString);
        }
        for (ClientMessage inCall : List.of(Signals.bye(null, 1), new Leave(1), new Logout(1),
                new DirectMessage(null, "bob", null, null, null, 2))) {
            assertSame(inCall, allowed(access.decide(inCall, AT_LATER)), inCall::toString);
        }
    }

    @Test
    void aFreshTokenOfTheSameUserReplacesTheOld() {
        Access access = access(new Grants(List.of("r"), true, false), null);
        AccessToken fresh = new AccessToken("alice", null, LATER.plusSeconds(3600), new Grants(List.of("s"), true, false));
        assertTrue(access.renew(fresh));
        assertSame(fresh, access.token());
        assertInstanceOf(AccessDecision.Allowed.class, access.decide(new Join("s", 1), AT_LATER));
        assertEquals(ErrorCode.FORBIDDEN, refused(access.decide(new Join("r", 1), AT_LATER)));
    }

    @Test
    void anotherUsersTokenReplacesNothing() {
        Access access = access(new Grants(List.of("r"), true, false), null);
        AccessToken before = access.token();
        assertFalse(access.renew(new AccessToken("mallory", null, LATER, Grants.NONE)));
        assertSame(before, access.token());
        assertFalse(Access.unrestricted().renew(new AccessToken("alice", null, LATER, Grants.NONE)));
    }

    @Test
    void aDeniedConnectionMayDoNothing() {
        assertTrue(Access.denied().isDenied());
        assertEquals(ErrorCode.FORBIDDEN, refused(Access.denied().decide(new Leave(1), AT_NOW)));
    }
}
