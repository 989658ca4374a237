import { useEffect, useState } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { TIME_ZONE_COOKIE } from "~/lib/time-zone";

/**
 * The reader's time zone. Pages render on the server with the zone the browser reported last
 * time (a cookie; UTC on a first visit) and hydrate with the same one, then switch to the
 * browser's own zone, which is also saved for the next server render.
 */
export function useTimeZone() {
  const serverZone = useRouteLoaderData<{ timeZone?: string }>("root")?.timeZone ?? "UTC";
  const [zone, setZone] = useState(serverZone);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone) return;
    setZone(browserZone);
    if (browserZone !== serverZone) {
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
    }
  }, [serverZone]);
  return zone;
}
