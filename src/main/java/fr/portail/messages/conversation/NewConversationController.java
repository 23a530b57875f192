package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The "+ Créer" form: type, company, participants, subject and message; lands on the new conversation. */
@Controller
class NewConversationController {

    private final ConversationCommands commands;
    private final ConversationReader reader;
    private final DirectoryService directory;
    private final AttachmentService attachments;

    private final SpringValidatorAdapter validator;

    NewConversationController(
            ConversationCommands commands,
            ConversationReader reader,
            DirectoryService directory,
            AttachmentService attachments,
            jakarta.validation.Validator validator) {
        this.commands = commands;
        this.reader = reader;
        this.directory = directory;
        this.attachments = attachments;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** The fields of the form, bound as they come; the service validates them. */
    record NewConversationForm(
            ConversationType type,
            UUID companyId,
            List<UUID> participantIds,
            String subject,
            String html,
            List<UUID> attachmentIds) {

        NewConversationForm {
            type = type == null ? ConversationType.ENTREPRISE : type;
            // An empty choice of a picker binds as a null id: it chose nothing.
            participantIds = participantIds == null
                    ? List.of()
                    : participantIds.stream().filter(Objects::nonNull).toList();
            attachmentIds = attachmentIds == null
                    ? List.of()
                    : attachmentIds.stream().filter(Objects::nonNull).toList();
        }
    }

    @GetMapping("/conversations/nouvelle")
    String form(Viewer viewer, Model model) {
        var form = new NewConversationForm(ConversationType.ENTREPRISE, null, List.of(), "", "", List.of());
        return render(viewer, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/conversations")
    String create(Viewer viewer, @ModelAttribute("form") NewConversationForm form, BindingResult errors, Model model) {
        var request = new NewConversation(
                form.type(),
                form.companyId(),
                form.participantIds(),
                form.subject(),
                form.html(),
                form.attachmentIds());
        if (!errors.hasErrors()) {
            // The constraints declared on the request record, reported next to the fields of the form.
            validator.validate(request, errors);
        }
        if (errors.hasErrors()) {
            errors.reject("conversation.error.invalid");
            return render(viewer, form, errors, model);
        }
        try {
            UUID id = commands.create(viewer, request);
            return "redirect:/conversations/" + id;
        } catch (InvalidInputException invalid) {
            invalid.problems()
                    .forEach(problem -> errors.rejectValue(
                            problem.field(),
                            problem.messageKey(),
                            problem.arguments().toArray(),
                            null));
            return render(viewer, form, errors, model);
        }
    }

    private String render(Viewer viewer, NewConversationForm form, BindingResult errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("safeHtml", RichText.sanitize(form.html()).html());
        model.addAttribute("pendingFiles", attachments.pending(viewer.id(), form.attachmentIds()));
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("types", ConversationType.values());
        model.addAttribute("companies", directory.pickableCompanies(viewer, ""));
        List<PersonChoice> people = form.type().hasCompany() && form.companyId() == null
                ? List.of()
                : reader.eligiblePeople(viewer, form.type(), form.companyId(), "");
        model.addAttribute("people", people);
        model.addAttribute("selectedPeople", Set.copyOf(form.participantIds()));
        return "new-conversation";
    }
}
