import { Link } from "@remix-run/react";
import { ideaPath } from "~/lib/paths";

type Excerpt = { id: number; ideaId: number; ideaTitle: string; text: string };

/** A person's latest comments, each under the idea it was left on and linking to it there (or `empty` when none). */
export function CommentExcerpts({ comments, empty }: { comments: Excerpt[]; empty: string }) {
  if (comments.length === 0) return <p className="mt-2 text-muted">{empty}</p>;
  return (
    <ul className="mt-3 space-y-2">
      {comments.map((comment) => (
        <li key={comment.id} className="card p-3 text-sm">
          <Link to={`${ideaPath({ id: comment.ideaId, title: comment.ideaTitle })}#comment-${comment.id}`} className="link font-medium">
            {comment.ideaTitle}
          </Link>
          <p className="mt-1 text-muted">{comment.text}</p>
        </li>
      ))}
    </ul>
  );
}
