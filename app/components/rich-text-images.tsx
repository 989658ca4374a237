import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { useErrorText } from "~/components/error-text";
import { IMAGE_ACCEPT, imageFileProblem } from "~/lib/image-files";

/** What the server answered for an uploaded image (app/routes/uploads._index.ts). */
type UploadAnswer = { src: string; width: number; height: number } | { error: string };

/**
 * Sends one image to the server, which re-encodes and stores it, and answers the address the
 * image node takes, or an error key. The browser's own checks (type, size) come first.
 */
export async function uploadImage(file: File): Promise<UploadAnswer> {
  const problem = imageFileProblem(file);
  if (problem) return { error: problem };
  const body = new FormData();
  body.append("file", file);
  try {
    const response = await fetch("/uploads", { method: "POST", body, headers: { Accept: "application/json" } });
    const answer = (await response.json().catch(() => null)) as UploadAnswer | null;
    if (answer && ("src" in answer || "error" in answer)) return answer;
    return { error: response.status === 413 ? "errors.upload.tooLarge:5" : "errors.upload.failed" };
  } catch {
    return { error: "errors.upload.failed" };
  }
}

/** The image files among what was pasted or dropped (a copied web page's text is not one). */
function imageFiles(data: DataTransfer | null) {
  return Array.from(data?.files ?? []).filter((file) => file.type.startsWith("image/"));
}

/**
 * Pasting or dropping image files into the editor hands them to `onImages` (which uploads them,
 * asks for their alt text and inserts them), with the document position a drop aimed at. Text
 * and HTML paste as usual.
 */
export const ImageUpload = Extension.create<{ onImages: (editor: Editor, files: File[], position?: number) => void }>({
  name: "imageUpload",
  addOptions: () => ({ onImages: () => {} }),
  addProseMirrorPlugins() {
    const { editor, options } = this;
    return [
      new Plugin({
        key: new PluginKey("imageUpload"),
        props: {
          handlePaste: (_view, event) => {
            const files = imageFiles(event.clipboardData);
            if (files.length === 0) return false;
            options.onImages(editor, files);
            return true;
          },
          handleDrop: (view, event) => {
            const files = imageFiles(event.dataTransfer);
            if (files.length === 0) return false;
            event.preventDefault();
            options.onImages(editor, files, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos);
            return true;
          },
        },
      }),
    ];
  },
});

/**
 * Putting images into an editor, however they come (pasted, dropped, picked with the toolbar's
 * button): each is uploaded, its alt text asked for, and it goes in where it was dropped or at
 * the caret. `status` says what is under way, for a live region; `fileInput` is the hidden file
 * picker the toolbar's button opens (`pick`).
 */
export function useImageInsertion() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [status, setStatus] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const pickingFor = useRef<Editor | null>(null);

  const insertImages = async (editor: Editor, files: File[], position?: number) => {
    for (const file of files) {
      setStatus(t("editor.imageUploading"));
      const answer = await uploadImage(file);
      setStatus(null);
      if ("error" in answer) {
        window.alert(errorText(answer.error));
        continue;
      }
      // Asked for each image: what it shows, for people who cannot see it. Cancel leaves it out.
      const alt = window.prompt(t("editor.imageAlt"), "");
      if (alt === null) continue;
      const image = { type: "image", attrs: { src: answer.src, alt: alt.trim(), width: answer.width, height: answer.height } };
      // The document may have changed during the upload: a drop's position is kept within it.
      const at = Math.min(position ?? editor.state.selection.to, editor.state.doc.content.size);
      editor.chain().focus().insertContentAt(at, image).run();
      setStatus(t("editor.imageInserted"));
    }
  };

  // The editor keeps the options it was made with: one function for its life, calling the latest.
  const latest = useRef(insertImages);
  useEffect(() => {
    latest.current = insertImages;
  });
  const onImages = useCallback((editor: Editor, files: File[], position?: number) => void latest.current(editor, files, position), []);

  const fileInput = (
    <input
      ref={picker}
      type="file"
      accept={IMAGE_ACCEPT}
      hidden
      tabIndex={-1}
      onChange={(event) => {
        const files = Array.from(event.currentTarget.files ?? []);
        event.currentTarget.value = "";
        if (pickingFor.current && files.length > 0) onImages(pickingFor.current, files);
      }}
    />
  );

  const pick = (editor: Editor) => {
    pickingFor.current = editor;
    picker.current?.click();
  };

  return { onImages, pick, fileInput, status };
}
