package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

    private final OriginPolicy defaults = new OriginPolicy(Arrays.asList(HandshakeFilter.DEFAULT_ALLOWED.split(",")), true);

    @Test
    void theServersOwnOriginIsAllowed() {
        assertTrue(defaults.allows("https://signal.example.com", "signal.example.com"));
        assertTrue(defaults.allows("http://signal.example.com:8080", "signal.example.com:8080"));
        assertTrue(defaults.allows("HTTPS://Signal.Example.COM", "signal.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000", "https://localhost", "http://127.0.0.1:8080", "http://[::1]:9080"})
    void localDevelopmentPagesAreAllowedByDefault(String origin) {
        assertTrue(defaults.allows(origin, "signal.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://signal.example.com.evil.example", "null", "file://",
            "chrome-extension://abc", "https://localhost.evil.example", "not a url", "http://127.0.0.2:9080"})
    void otherOriginsAreRefused(String origin) {
        assertFalse(defaults.allows(origin, "signal.example.com"));
    }

    @Test
    void anotherPortIsAnotherOrigin() {
        assertFalse(defaults.allows("https://signal.example.com:8443", "signal.example.com"));
    }

    @Test
    void anAllowlistAddsOriginsExactlyOrWithAnyPort() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", " https://dev.example.com:* "), true);
        assertTrue(policy.allows("https://app.example.com", "signal.example.com"));
        assertFalse(policy.allows("https://app.example.com:444", "signal.example.com"));
        assertFalse(policy.allows("http://app.example.com", "signal.example.com"));
        assertTrue(policy.allows("https://dev.example.com:5173", "signal.example.com"));
        assertFalse(policy.allows("http://localhost:3000", "signal.example.com"));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertTrue(new OriginPolicy(List.of("*"), false).allows("https://anything.example", "signal.example.com"));
    }

    @Test
    void aMissingOriginFollowsItsSetting() {
        assertTrue(defaults.allows(null, "signal.example.com"));
        assertFalse(new OriginPolicy(List.of(), false).allows(null, "signal.example.com"));
        assertFalse(new OriginPolicy(List.of(), false).allows("", "signal.example.com"));
    }
}
