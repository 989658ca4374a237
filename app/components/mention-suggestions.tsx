import { ReactRenderer } from "@tiptap/react";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { forwardRef, useEffect, useId, useImperativeHandle, useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { Avatar } from "~/components/avatar";
import type { MentionSuggestion } from "~/domain/mentions.server";
import { clsx } from "~/lib/clsx";
import { MentionNode } from "~/lib/rich-text-schema";

// "@" in the comment editor: tiptap's mention node with its suggestion utility, asking the
// server who may be mentioned (GET /ideas/:id/mentions). Imported only by the lazily loaded
// editor, so none of it reaches a page before someone starts to write.

type Props = SuggestionProps<MentionSuggestion, { id: string; label: string }>;
type Handle = { onKeyDown: (props: SuggestionKeyDownProps) => boolean };

/** The mention node, suggesting the people the server at `url` offers for what follows "@". */
export function mentionsFrom(url: string) {
  return MentionNode.configure({
    suggestion: {
      debounce: 120,
      items: async ({ query, signal }) => {
        try {
          const response = await fetch(`${url}?${new URLSearchParams({ q: query })}`, { signal, headers: { Accept: "application/json" } });
          return response.ok ? ((await response.json()) as { people: MentionSuggestion[] }).people : [];
        } catch {
          return []; // Aborted by the next keystroke, or offline: no suggestions, the words stay.
        }
      },
      render: () => {
        let renderer: ReactRenderer<Handle, Props> | null = null;
        let unmount: (() => void) | undefined;
        return {
          onStart: (props) => {
            renderer = new ReactRenderer(MentionList, { props, editor: props.editor });
            unmount = props.mount(renderer.element);
          },
          onUpdate: (props) => renderer?.updateProps(props),
          onKeyDown: (props) => renderer?.ref?.onKeyDown(props) ?? false,
          onExit: () => {
            unmount?.();
            renderer?.destroy();
            renderer = null;
          },
        };
      },
    },
  });
}

/**
 * The people on offer, as a listbox the editor controls (aria-activedescendant): arrows move,
 * Enter or Tab picks, Escape closes; the caret never leaves the text.
 */
const MentionList = forwardRef<Handle, Props>(function MentionList({ items, command, loading, editor }, ref) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const pick = (index: number) => {
    const person = items[index];
    if (person) command({ id: person.id, label: person.displayName });
  };

  useEffect(() => setActive(0), [items]);

  useEffect(() => {
    const dom = editor.view.dom;
    dom.setAttribute("aria-controls", listId);
    if (items.length > 0) dom.setAttribute("aria-activedescendant", optionId(active));
    else dom.removeAttribute("aria-activedescendant");
    return () => {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    };
  });

  useImperativeHandle(ref, () => ({
    onKeyDown: ({ event }) => {
      if (items.length === 0) return false;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((current) => (current + step + items.length) % items.length);
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        pick(active);
        return true;
      }
      return false;
    },
  }));

  return (
    <div className="z-30 min-w-56 max-w-80 rounded-md border border-stone-300 bg-white py-1 text-sm shadow-lg">
      {items.length > 0 ? (
        <ul id={listId} role="listbox" aria-label={t("editor.mentions.label")}>
          {items.map((person, index) => (
            // The keyboard picks from the text (aria-activedescendant): arrows, Enter, Tab (onKeyDown above).
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={person.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Keep the caret in the text: the mention goes where it is.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
              onMouseEnter={() => setActive(index)}
              className={clsx("flex cursor-pointer items-center gap-2 px-3 py-1.5", index === active && "bg-brand-700 text-white")}
            >
              <Avatar person={person} size="sm" />
              <span className="min-w-0">
                <span className="block truncate font-medium">{person.displayName}</span>
                {person.team ? (
                  <span className={clsx("block truncate text-xs", index === active ? "text-white" : "text-muted")}>
                    {person.jobTitle ? `${t("editor.mentions.team")} · ${person.jobTitle}` : t("editor.mentions.team")}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p id={listId} role="status" className="px-3 py-1.5 text-muted">
          {loading ? t("editor.mentions.loading") : t("editor.mentions.none")}
        </p>
      )}
    </div>
  );
});
