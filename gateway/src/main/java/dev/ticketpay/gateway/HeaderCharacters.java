package dev.ticketpay.gateway;

/**
 * The security firewall's rule for header names and values — only assigned Unicode characters and no control
 * characters (a tab allowed in values) — checked character by character instead of by regular expression. The
 * expression ran over every header read, the long {@code Authorization} header included, on every request.
 */
final class HeaderCharacters {

    /** Header names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, as Spring Security's default. */
    static boolean allowedName(String name) {
        return name == null || assignedAndNotControl(name, false);
    }

    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, as Spring Security's default. */
    static boolean allowedValue(String value) {
        return value == null || assignedAndNotControl(value, true);
    }

    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && c == '\t')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private HeaderCharacters() {
    }
}
