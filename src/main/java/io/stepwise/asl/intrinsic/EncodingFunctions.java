package io.stepwise.asl.intrinsic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** States.Base64Encode, Base64Decode and Hash. */
final class EncodingFunctions {

    /** AWS's documented cap on the input of the Base64 and Hash functions. */
    static final int MAX_INPUT_CHARS = 10_000;

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private EncodingFunctions() {
    }

    static JsonNode base64Encode(Args args) {
        String data = limited(args, 0);
        return JsonNodeFactory.instance.stringNode(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode base64Decode(Args args) {
        String encoded = limited(args, 0);
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return JsonNodeFactory.instance.stringNode(decoded);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw args.invalid();
        }
    }

    static JsonNode hash(Args args) {
        String data = limited(args, 0);
        String algorithm = args.string(1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw args.invalid();
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return JsonNodeFactory.instance.stringNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    private static String limited(Args args, int index) {
        String value = args.string(index);
        if (value.length() > MAX_INPUT_CHARS) {
            throw args.invalid();
        }
        return value;
    }
}
