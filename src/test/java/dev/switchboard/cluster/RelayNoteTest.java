package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayNoteTest {

    @Test
    void aNoteSurvivesItsTextFormWithLineBreaksInTheFrame() {
        RelayNote note = new RelayNote(RelayNote.Kind.TO_CLIENT, "relay-id", "Qm4r0Tz9c2A", "",
                "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=-\"}\nand a raw\nline break");
        assertEquals(note, RelayNote.decode(note.encode()));
    }

    @Test
    void notesAndEnvelopesAreToldApartOnOneChannel() {
        String note = RelayNote.of(RelayNote.Kind.PING, "r", "n").encode();
        String envelope = new Envelope(Envelope.Kind.OTHER, "peer", "", "", "{}").encode();
        assertTrue(RelayNote.isOne(note));
        assertFalse(RelayNote.isOne(envelope));
        assertThrows(IllegalArgumentException.class, () -> RelayNote.decode(envelope));
    }

    @Test
    void aNoteOfAnotherVersionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RelayNote.decode("relay-2\nPING\nr\nn\n\n"));
    }
}
