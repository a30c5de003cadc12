package io.countersign.web.pages.admin;

import io.countersign.chat.ChatChannelView;
import io.countersign.chat.ChatChannels;
import io.countersign.chat.ChatTestResult;
import io.countersign.chat.ChatType;
import io.countersign.shared.Actor;
import io.countersign.web.pages.Confirmation;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Chat channels: the list (where each posts, never a secret), a form to create or edit one (secrets
 * write-only: blank keeps the stored one), deleting one, and sending a test message that shows the
 * platform's own answer when it failed.
 */
@Controller
class ChannelAdminPages {

    private static final String FORM = "pages/admin/channel";
    private static final String LIST = "/admin/channels";

    private final ChatChannels channels;

    ChannelAdminPages(ChatChannels channels) {
        this.channels = channels;
    }

    @GetMapping(LIST)
    String list(Actor actor, Model model) {
        model.addAttribute("channels", channels.list(actor));
        return "pages/admin/channels";
    }

    @GetMapping("/admin/channels/new")
    ModelAndView createForm() {
        return new ModelAndView(FORM, form(ChannelForm.blank(), null));
    }

    @PostMapping(LIST)
    ModelAndView create(Actor actor, ChannelForm form, RedirectAttributes redirect) {
        return AdminForms.save(redirect, FORM, form(form.withoutSecrets(), null), () -> {
            ChatChannelView created = channels.create(actor, form.toInput());
            return new AdminForms.Done(LIST, "Channel " + created.name() + " is created.");
        });
    }

    @GetMapping("/admin/channels/{name}")
    ModelAndView editForm(Actor actor, @PathVariable String name) {
        ChatChannelView stored = channels.get(actor, name);
        return new ModelAndView(FORM, form(ChannelForm.of(stored), stored));
    }

    /** The name and type come from what is stored: neither changes here. */
    @PostMapping("/admin/channels/{name}")
    ModelAndView edit(Actor actor, @PathVariable String name, ChannelForm form, RedirectAttributes redirect) {
        ChatChannelView stored = channels.get(actor, name);
        ChannelForm sent = new ChannelForm(
                stored.name(),
                stored.type().name(),
                form.isDefault(),
                form.botToken(),
                form.signingSecret(),
                form.channel(),
                form.directMessages(),
                form.apiBaseUrl(),
                form.webhookUrl(),
                form.chatId(),
                form.webhookSecret());
        return AdminForms.save(redirect, FORM, form(sent.withoutSecrets(), stored), () -> {
            channels.replace(actor, stored.name(), sent.toInput());
            return new AdminForms.Done(LIST, "Channel " + stored.name() + " is saved.");
        });
    }

    @GetMapping("/admin/channels/{name}/delete")
    ModelAndView confirmDelete(Actor actor, @PathVariable String name) {
        String fixed = channels.get(actor, name).name();
        return Confirmation.page(
                "Delete channel " + fixed + "?",
                "Nothing more is posted through it and its secrets are deleted with it; it cannot be restored."
                        + " A channel that a policy's steps name cannot be deleted.",
                "/admin/channels/{name}/delete",
                "Delete the channel",
                LIST,
                fixed);
    }

    @PostMapping("/admin/channels/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        return AdminForms.act(redirect, LIST, "Channel " + name + " is deleted.", () -> channels.delete(actor, name));
    }

    @PostMapping("/admin/channels/{name}/test")
    String test(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        ChatTestResult result = channels.test(actor, name);
        if (result.sent()) {
            redirect.addFlashAttribute("message", "A test message was sent through channel " + name + ".");
        } else {
            redirect.addFlashAttribute(
                    "error",
                    "The test message through channel " + name + " was not sent. The platform said: " + result.error());
        }
        return "redirect:" + LIST;
    }

    /** {@code stored} is the channel being edited (for which secrets it holds), or null for a new one. */
    private static Map<String, Object> form(ChannelForm form, ChatChannelView stored) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("editing", stored != null);
        model.put("stored", stored);
        model.put("types", ChatType.values());
        return model;
    }
}
