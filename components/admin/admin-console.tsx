"use client";

import { useState } from "react";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { TokensTab } from "./tokens-tab";
import { UsersTab } from "./users-tab";

type Tab = "tokens" | "users";

/** The admin page: API tokens and local users. */
export function AdminConsole({ currentUser }: { currentUser: string }) {
  const [tab, setTab] = useState<Tab>("tokens");
  return (
    <div className="space-y-3">
      <Tabs label="Administration" idPrefix="admin" value={tab} onChange={setTab} items={[{ value: "tokens", label: "Tokens" }, { value: "users", label: "Users" }]} />
      <TabPanel idPrefix="admin" value={tab}>
        {tab === "tokens" ? <TokensTab /> : <UsersTab currentUser={currentUser} />}
      </TabPanel>
    </div>
  );
}
