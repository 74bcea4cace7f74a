package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Checks.requireField;
import static dev.switchboard.conformance.Frames.message;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Resuming a session after the connection drops; skipped where the server has resuming off. */
final class ResumeChecks {

    private ResumeChecks() {
    }

    static List<Check> all() {
        return List.of(new Check("resume", ResumeChecks::aDroppedPeerResumesWithItsRoomAndHeldMessages));
    }

    private static String aDroppedPeerResumesWithItsRoomAndHeldMessages(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);
        String resumeToken = Frames.text(a.welcome(), "resumeToken");
        if (resumeToken == null) {
            throw new CheckSkipped("resuming is off on this server (welcome has no resumeToken)");
        }
        a.drop();
        // the server noticed the drop: resuming now is a return, not a takeover of an open connection
        JsonNode away = b.expect("peer-away");
        requireField(b, away, "peerId", a.peerId());
        requireField(b, away, "room", room);
        b.send(message("candidate", "candidate", RelayChecks.candidate(7)));

        Peer back = session.resume("A'", resumeToken);
        JsonNode resumed = back.welcome();
        requireField(back, resumed, "peerId", a.peerId());
        requireField(back, resumed, "room", room);
        require(!resumeToken.equals(Frames.text(resumed, "resumeToken")), "resumed brought the spent resume token back");
        JsonNode held = RelayChecks.expectRelayed(back, "candidate", b, room);
        require(held.get("candidate").equals(Frames.JSON.valueToTree(RelayChecks.candidate(7))),
                "the candidate held for A differs from the one B sent");
        JsonNode peerBack = b.expect("peer-back");
        requireField(b, peerBack, "peerId", a.peerId());

        back.send(message("bye"));
        RelayChecks.expectRelayed(b, "bye", back, room);
        return "dropped without a close: peer-away; ?resume= gave resumed with the same peerId and room, a new token,"
                + " the message held meanwhile, and peer-back";
    }
}
