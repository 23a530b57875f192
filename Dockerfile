# Builds the application jar, then runs it on a JRE. Build: docker build -t messages .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/messages messages && mkdir -p /var/lib/messages && chown messages /var/lib/messages
USER messages
WORKDIR /var/lib/messages
COPY --from=build /src/target/messages-*.jar /opt/messages/messages.jar
ENV MESSAGES_DATA_DIR=/var/lib/messages MESSAGES_DEMO_DATA=false
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/messages/messages.jar"]
