# syntax=docker/dockerfile:1
# Stepwise image: a layered Spring Boot jar on a distroless JRE, run as a non-root user, with a class data
# sharing (CDS) archive made at build time so that a new replica starts sooner.
# ImageLayoutIT performs this file's extract, training RUN and ENTRYPOINT outside Docker, so keep them on
# one line each.

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
# Without the launcher: the application jar names its libraries in its manifest's Class-Path, so every
# class comes from the application class loader, the only one whose classes CDS archives.
RUN java -Djarmode=tools -jar stepwise.jar extract --layers --application-filename stepwise.jar --destination extracted

# Runtime: distroless Java 21 (Stepwise targets Java 21): no shell, no package manager, a small attack
# surface; the :nonroot tag's user is 65532. A shell, if needed for debugging, is in eclipse-temurin:25-jre.
FROM gcr.io/distroless/java21-debian12:nonroot
WORKDIR /app
# One COPY per layer, least often changed first, so a code change rebuilds only the last layer.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The training run: start every bean without a database and exit before work starts (profile
# cds-training), writing the loaded classes to stepwise.jsa. It must run on this stage's own JVM (an
# archive is only valid for the JVM build and the jar files that made it), hence here and not in the build,
# as root: the working directory is root's.
USER 0:0
RUN ["java", "-XX:ArchiveClassesAtExit=stepwise.jsa", "-Dspring.context.exit=onRefresh", "-Dspring.profiles.active=cds-training", "-jar", "stepwise.jar"]
USER 65532:65532
EXPOSE 8080
# The heap follows the container's memory limit and starts at its full size: a heap G1 may shrink was
# kept at a third of its maximum under a light load, with concurrent cycles back to back and pauses of
# 8-24 ms that made due timers late (docs/performance.md, "timers on time"). The limit reserves the
# memory anyway. No HEALTHCHECK: Kubernetes probes /actuator/health.
# A JVM that cannot use the archive (another JVM, changed jars) says so and starts without it.
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=stepwise.jsa", "-jar", "stepwise.jar"]
