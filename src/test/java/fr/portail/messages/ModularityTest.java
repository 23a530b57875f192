package fr.portail.messages;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicTypes() {
        ApplicationModules.of(MessagesApplication.class).verify();
    }
}
