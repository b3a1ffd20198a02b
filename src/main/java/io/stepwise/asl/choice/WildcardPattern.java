package io.stepwise.asl.choice;

import java.util.Arrays;

/**
 * StringMatches patterns: {@code *} matches any run of characters (including none), {@code \*}
 * is a literal star and {@code \\} a literal backslash; everything else matches itself.
 * Matched directly, without building a regex, so no pattern needs compiling or caching.
 */
final class WildcardPattern {

    private WildcardPattern() {
    }

    static boolean matches(String pattern, String text) {
        Token[] tokens = tokenize(pattern);
        int t = 0;
        int p = 0;
        int starToken = -1;
        int textAtStar = 0;
        // classic greedy glob matching with backtracking to the last star: O(pattern x text)
        while (t < text.length()) {
            if (p < tokens.length && !tokens[p].star() && tokens[p].character() == text.charAt(t)) {
                p++;
                t++;
            } else if (p < tokens.length && tokens[p].star()) {
                starToken = p++;
                textAtStar = t;
            } else if (starToken >= 0) {
                p = starToken + 1;
                t = ++textAtStar;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p].star()) {
            p++;
        }
        return p == tokens.length;
    }

    private record Token(boolean star, char character) {
    }

    private static Token[] tokenize(String pattern) {
        Token[] tokens = new Token[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens[count++] = new Token(false, pattern.charAt(++i));
            } else {
                tokens[count++] = new Token(c == '*', c);
            }
        }
        return Arrays.copyOf(tokens, count);
    }
}
