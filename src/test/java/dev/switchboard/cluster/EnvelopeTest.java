package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.protocol.ErrorMessage;
import dev.switchboard.protocol.PeerJoined;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.PeerOnline;
import dev.switchboard.protocol.Sender;
import dev.switchboard.protocol.Signal;
import dev.switchboard.protocol.Signals;
import org.junit.jupiter.api.Test;

/** What a node publishes for a peer on another node, and how that node reads it back. */
class EnvelopeTest {

    @Test
    void roomNoticesCarryTheRoomAndTheirSubjectSoTheReceiverCanKeepItsView() {
        assertEquals(new Envelope(Envelope.Kind.JOINED, "b.n2", "r", "a.n1", "{}"),
                Envelope.of("b.n2", new PeerJoined("r", "a.n1"), "{}"));
        assertEquals(new Envelope(Envelope.Kind.LEFT, "b.n2", "r", "a.n1", "{}"),
                Envelope.of("b.n2", new PeerLeft("r", "a.n1", "timeout"), "{}"));
    }

    @Test
    void signalsInARoomAreToldFromDirectOnes() {
        Signal offer = Signals.offer("v=0");
        assertEquals(Envelope.Kind.ROOM, Envelope.of("b", offer.inRoom("a", "r"), "{}").kind());
        assertEquals("r", Envelope.of("b", offer.inRoom("a", "r"), "{}").room());
        assertEquals(Envelope.Kind.DIRECT, Envelope.of("b", offer.direct(new Sender("a", "Ann", 1)), "{}").kind());
        assertEquals(Envelope.Kind.PRESENCE, Envelope.of("b", new PeerOnline("a", "Ann"), "{}").kind());
        assertEquals(Envelope.Kind.OTHER, Envelope.of("b", new ErrorMessage("internal", "x", null), "{}").kind());
    }

    @Test
    void decodingReturnsWhatWasEncodedFrameLineBreaksIncluded() {
        Envelope envelope = new Envelope(Envelope.Kind.ROOM, "b.n2", "r", "", "{\"sdp\":\"v=0\r\n\"}\nline");
        assertEquals(envelope, Envelope.decode(envelope.encode()));
    }

    @Test
    void anythingElseOnTheChannelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode("hello"));
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode("2\nROOM\nb\nr\n\n{}"));
    }
}
