package dev.switchboard.room;

import java.util.regex.Pattern;

/** The rule for room names: 1 to 64 characters from {@code [A-Za-z0-9_-]}. */
public final class RoomName {

    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private RoomName() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }
}
