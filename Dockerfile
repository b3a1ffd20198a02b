# syntax=docker/dockerfile:1
# Stepwise image: a layered Spring Boot jar on a distroless JRE, run as a non-root user.
# ImageLayoutIT performs this file's extract and ENTRYPOINT outside Docker, so keep them on one line each.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
# The wrapper and the POM first: dependencies resolve into a cached layer (and a cache mount).
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY db db
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package && cp target/stepwise-*.jar stepwise.jar
RUN java -Djarmode=tools -jar stepwise.jar extract --layers --launcher --destination extracted

# Runtime: distroless Java 21 (Stepwise targets Java 21): no shell, no package manager, a small attack
# surface; the :nonroot tag's user is 65532. A shell, if needed for debugging, is in eclipse-temurin:25-jre.
FROM gcr.io/distroless/java21-debian12:nonroot
WORKDIR /app
# One COPY per layer, least often changed first, so a code change rebuilds only the last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER 65532:65532
EXPOSE 8080
# The heap follows the container's memory limit; no HEALTHCHECK: Kubernetes probes /actuator/health.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
