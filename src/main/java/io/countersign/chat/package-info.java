/**
 * Chat channels: Slack, Microsoft Teams, Discord and Telegram. Administrators configure them
 * ({@link io.countersign.chat.ChatChannels}); each platform is one sender of the notification seam,
 * and the channels a policy step names, together with the default ones, tell the step's approvers
 * through the seam's routes. Messages about a request are changed once it is decided. Depends on the
 * shared kernel, directory, policy, request, grant (the end of the grant an
 * extension lengthens) and the notification seam.
 */
package io.countersign.chat;
