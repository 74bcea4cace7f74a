package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressedRequestTest {

    /** A handshake request on which asking for a host name, or for an HTTP session to be made, fails the test. */
    private static HttpServletRequest handshake(Map<String, String[]> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParameterMap" -> parameters;
                    case "getLocalAddr" -> "10.1.2.3";
                    case "getRemoteAddr" -> "192.0.2.7";
                    case "getSession" -> args == null || Boolean.TRUE.equals(args[0])
                            ? failed("an HTTP session was made") : null;
                    default -> failed(method.getName() + " was called: it may resolve a name");
                });
    }

    private static Object failed(String what) {
        throw new AssertionError(what);
    }

    @Test
    void theServersNameIsItsAddressNeverALookup() {
        assertEquals("10.1.2.3", new AddressedRequest(handshake(Map.of()), "192.0.2.7", null).getLocalName());
    }

    @Test
    void theClientsHostIsItsAddressNeverALookup() {
        assertEquals("192.0.2.7", new AddressedRequest(handshake(Map.of()), "192.0.2.7", null).getRemoteHost());
    }

    @Test
    void theClientsAddressReplacesWhateverTheClientSentUnderItsName() {
        AddressedRequest request = new AddressedRequest(handshake(Map.of(AddressedRequest.PARAMETER, new String[] {"1.1.1.1"})),
                "192.0.2.7", null);
        assertEquals("192.0.2.7", request.getParameter(AddressedRequest.PARAMETER));
    }

    @Test
    void noHttpSessionIsMade() {
        assertNull(new AddressedRequest(handshake(Map.of()), "192.0.2.7", null).getSession());
    }
}
