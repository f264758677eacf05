-- Checkout payments speak the words of every payment (PaymentStatus, the payments API v1's): a session being
-- created or open is pending (session_id null or set tells them apart), a paid one has succeeded.
update checkout_sessions
set status = case status when 'paid' then 'succeeded' else 'pending' end, updated_at = now()
where status in ('creating', 'open', 'paid');
