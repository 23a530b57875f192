# Builds the application jar, splits it into layers, then runs it on a JRE. Build: docker build -t messages .
# The layers go from the least to the most often changed (libraries, Spring Boot's loader, snapshot libraries, the
# application's own classes), so that rebuilding after a code change reuses the cached library layers.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package \
 && cp target/messages-*.jar /application.jar \
 && cd / && java -Djarmode=tools -jar application.jar extract --layers --destination /extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/messages messages && mkdir -p /var/lib/messages && chown messages /var/lib/messages
WORKDIR /opt/messages
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
RUN chown messages /opt/messages
USER messages
ENV MESSAGES_DATA_DIR=/var/lib/messages MESSAGES_DEMO_DATA=false
# Class Data Sharing: one training start (stopped once the application has started, on a throw-away embedded
# database) writes the archive of the classes it loaded; every start maps it instead of loading them (README).
RUN java -XX:+UseParallelGC -XX:ArchiveClassesAtExit=/opt/messages/messages.jsa -Dspring.context.exit=onRefresh \
      -jar /opt/messages/application.jar --messages.data-dir=/tmp/cds-training --messages.embedded-smtp.port=0 \
 && rm -rf /tmp/cds-training
EXPOSE 8080
# The parallel collector: short pauses in a small heap (docs/adr/0015-parallel-collector.md).
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:SharedArchiveFile=/opt/messages/messages.jsa", "-jar", "/opt/messages/application.jar"]
