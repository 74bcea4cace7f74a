package dev.switchboard.admission;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * The handshake request as the WebSocket container sees it.
 *
 * <p>It carries the client's address as the query parameter {@link #PARAMETER}. Jakarta WebSocket gives a
 * session no remote address, but it does give it the handshake's parameters
 * ({@code Session.getRequestParameterMap}), per session and without races. Whatever the client itself
 * sent under that name is replaced, so it cannot choose the address it is counted under.
 *
 * <p>It never creates an HTTP session. Open Liberty 26.0.0.3 asks every handshake for one (for
 * {@code HandshakeRequest.getHttpSession}), and each then lives for the session timeout, 30 minutes by
 * default: about 500 bytes per connection ever opened, which a connect-and-close loop turns into an
 * out-of-memory attack. Signaling needs no HTTP session, and the API allows there to be none.
 *
 * <p>It never looks a host name up. Tyrus (Payara Micro) asks every handshake for {@code getLocalName}, and
 * Grizzly answers with a reverse DNS lookup of the server's own address: a lookup that times out held each
 * handshake for seconds (16 connections a second on the benchmark's loopback addresses). The names serve
 * nothing here; the addresses stand in for them, as the Servlet API allows for a remote host not resolved.
 */
public final class AddressedRequest extends HttpServletRequestWrapper {

    public static final String PARAMETER = "switchboard.client-address";

    /**
     * The access token, where access control is on: the client's own {@code access_token} query parameter
     * (browsers cannot set headers on a WebSocket), or the token of its {@code Authorization: Bearer} header.
     */
    public static final String TOKEN_PARAMETER = "access_token";

    private final Map<String, String[]> parameters;

    AddressedRequest(HttpServletRequest request, String clientAddress, String token) {
        super(request);
        Map<String, String[]> withAddress = new HashMap<>(request.getParameterMap());
        withAddress.put(PARAMETER, new String[] {clientAddress});
        if (token != null) {
            withAddress.put(TOKEN_PARAMETER, new String[] {token});
        }
        this.parameters = Collections.unmodifiableMap(withAddress);
    }

    @Override
    public HttpSession getSession() {
        return super.getSession(false);
    }

    @Override
    public HttpSession getSession(boolean create) {
        return super.getSession(false);
    }

    @Override
    public String getLocalName() {
        return getLocalAddr();
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }
}
