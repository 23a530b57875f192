package fr.portail.messages.conversation;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The message size limit for the pages that show the editor, so that the browser refuses a message too long before
 * sending it (and the person keeps their text); the server decides in {@link ConversationCommands}.
 */
@ControllerAdvice(assignableTypes = {ConversationController.class, NewConversationController.class})
class EditorLimits {

    private final ConversationCommands commands;

    EditorLimits(ConversationCommands commands) {
        this.commands = commands;
    }

    @ModelAttribute("maxMessageBytes")
    long maxMessageBytes() {
        return commands.maxMessageBytes();
    }
}
