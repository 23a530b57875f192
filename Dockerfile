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
USER messages
ENV MESSAGES_DATA_DIR=/var/lib/messages MESSAGES_DEMO_DATA=false
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/messages/application.jar"]
