package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.platform.MessagesProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which storage the configuration selects, and a wrong S3 configuration stopping the start with a clear reason. */
class AttachmentStorageConfigurationTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MessagesProperties.class, AttachmentStorageProperties.class})
    static class Properties {}

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, AttachmentStorageConfiguration.class)
                .withPropertyValues("messages.data-dir=" + dataDir);
    }

    @Test
    void theDirectoryUnderTheDataDirIsTheDefault() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(AttachmentStorage.class);
            assertThat(context.getBean(AttachmentStorage.class)).isInstanceOf(FileSystemAttachmentStorage.class);
            assertThat(dataDir.resolve("attachments")).isDirectory();
        });
    }

    @Test
    void s3IsSelectedByConfigurationAndUsesTheDefaultCredentialsChainWithoutAnAccessKey() {
        runner().withPropertyValues(
                        "messages.attachments.storage=s3",
                        "messages.attachments.s3.bucket=firm-attachments",
                        "messages.attachments.s3.region=eu-west-3",
                        "messages.attachments.s3.prefix=messages")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AttachmentStorage.class)).isInstanceOf(S3AttachmentStorage.class);
                    assertThat(dataDir.resolve("attachments")).doesNotExist();
                });
    }

    @Test
    void s3WithoutABucketStopsTheStartNamingTheProperty() {
        runner().withPropertyValues("messages.attachments.storage=s3")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("messages.attachments.s3.bucket is required"));
    }

    @Test
    void anAccessKeyWithoutItsSecretStopsTheStart() {
        runner().withPropertyValues(
                        "messages.attachments.storage=S3",
                        "messages.attachments.s3.bucket=firm-attachments",
                        "messages.attachments.s3.endpoint=http://127.0.0.1:9000",
                        "messages.attachments.s3.access-key=minio")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("go together"));
    }

    @Test
    void partsSmallerThanS3AcceptsStopTheStart() {
        runner().withPropertyValues(
                        "messages.attachments.storage=s3",
                        "messages.attachments.s3.bucket=firm-attachments",
                        "messages.attachments.s3.endpoint=http://127.0.0.1:9000",
                        "messages.attachments.s3.part-size=1MB")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("part-size must be at least 5MB"));
    }

    @Test
    void thePrefixIsAFolder() {
        assertThat(settings("attachments").keyPrefix()).isEqualTo("attachments/");
        assertThat(settings("/prod/attachments/").keyPrefix()).isEqualTo("prod/attachments/");
        assertThat(settings("").keyPrefix()).isEmpty();
    }

    private static AttachmentStorageProperties.S3 settings(String prefix) {
        return new AttachmentStorageProperties.S3(
                "b", null, null, null, null, false, prefix, AttachmentStorageProperties.S3.MIN_PART_SIZE, 1);
    }
}
