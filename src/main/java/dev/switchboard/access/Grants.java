package dev.switchboard.access;

import java.util.List;

/**
 * What a token allows: the rooms its holder may enter ({@code rooms}: exact names, or prefixes ending in
 * {@code *}; none when absent), whether it may create rooms or only join existing ones ({@code create},
 * false when absent), and whether it may use the directory ({@code directory}: login, presence, direct
 * messages and invitations; false when absent). Least privilege: what the token does not say is refused.
 */
public record Grants(List<String> rooms, boolean create, boolean directory) {

    public static final Grants NONE = new Grants(List.of(), false, false);

    public Grants {
        rooms = List.copyOf(rooms);
    }

    /**
     * Whether {@code room} is one of {@code rooms}, or starts with one of its prefixes. A request without a room
     * names none, so none is granted (as for an empty name): it is refused, where it once failed the handler.
     */
    public boolean allowsRoom(String room) {
        if (room == null) {
            return false;
        }
        for (String pattern : rooms) {
            if (pattern.endsWith("*")
                    ? room.startsWith(pattern.substring(0, pattern.length() - 1))
                    : room.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
