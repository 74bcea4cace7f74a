package dev.switchboard.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bundled schemas are found in the jar's resources, with their references to common.json. */
class FrameSchemasTest {

    private final FrameSchemas schemas = new FrameSchemas();

    @Test
    void documentedFramesMatch() {
        assertNull(schemas.violation(Frames.parse(
                "{\"type\":\"joined\",\"room\":\"demo\",\"peerId\":\"dEpSJFKD6kPtwkLc3f9svg\",\"peers\":[\"fjdEpSJFKD6kPtwkLc3f9s\"],\"ref\":1}")));
        assertNull(schemas.violation(Frames.parse("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"not JSON\"}")));
    }

    @Test
    void aFrameThatBreaksItsSchemaIsReportedWithoutItsSdp() {
        String violation = schemas.violation(Frames.parse(
                "{\"type\":\"offer\",\"sdp\":\"v=0 secret-ish\",\"room\":\"demo\",\"extra\":true}"));
        assertTrue(violation.contains("does not match schema server/offer.json"), violation);
        assertFalse(violation.contains("secret-ish"), violation);
        String badPeerId = schemas.violation(Frames.parse(
                "{\"type\":\"joined\",\"room\":\"demo\",\"peerId\":\"short\",\"peers\":[]}"));
        assertTrue(badPeerId.contains("/peerId"), badPeerId);
    }

    @Test
    void framesOfNoServerTypeAreViolations() {
        assertTrue(schemas.violation(Frames.parse("{\"type\":\"create\",\"room\":\"demo\"}")).contains("no frame of type"));
        assertTrue(schemas.violation(Frames.parse("{\"type\":\"../client/create\"}")).contains("no frame of type"));
        assertTrue(schemas.violation(Frames.parse("{\"room\":\"demo\"}")).contains("no string type"));
        assertTrue(schemas.violation(Frames.parse("[1]")).contains("not a JSON object"));
    }
}
