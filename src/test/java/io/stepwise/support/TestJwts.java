package io.stepwise.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * A stand-in identity provider for the JWT tests: an RSA signing key made here, its public half served
 * as a JWK set on the loopback interface (what {@code jwk-set-uri} points at), and a second key the
 * service does not know, for forged tokens. No external identity provider is involved.
 */
public final class TestJwts {

    private static TestJwts instance;

    private final RSAKey signing;
    private final RSAKey stranger;
    private final String jwkSetUri;

    private TestJwts() {
        try {
            signing = new RSAKeyGenerator(2048).keyID("stepwise-test").generate();
            stranger = new RSAKeyGenerator(2048).keyID("stepwise-test").generate();
            byte[] body = new JWKSet(signing.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestJwts get() {
        if (instance == null) {
            instance = new TestJwts();
        }
        return instance;
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** A token signed by the known key, valid for five minutes, with these extra claims. */
    public String token(String subject, Map<String, Object> claims) {
        return sign(signing, subject, claims, Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A token of the right shape whose signature the service cannot verify. */
    public String forged(String subject, Map<String, Object> claims) {
        return sign(stranger, subject, claims, Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A token that expired an hour ago. */
    public String expired(String subject, Map<String, Object> claims) {
        return sign(signing, subject, claims, Instant.now().minus(Duration.ofHours(1)));
    }

    private static String sign(RSAKey key, String subject, Map<String, Object> claims, Instant expires) {
        var builder = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(expires.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(expires));
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
