# Build: the Maven wrapper fetches Maven; tests run in CI (./mvnw verify), not in the image build.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package \
    && cp target/messages-*.jar /build/app.jar

# Run: a JRE only, as an unprivileged user, data on a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system messages \
    && useradd --system --gid messages --home-dir /app messages \
    && mkdir -p /data \
    && chown messages:messages /data
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
USER messages
ENV MESSAGES_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
