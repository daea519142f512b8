//! The files of a run between the walk and the caller: numbered in the order the walk
//! finds them (path order), handed on in that order whatever order their checks end in,
//! and bounded: the walk waits while [`HIGH`] files are in the window, instead of
//! queueing a whole tree's files, or holding the findings of every file after one that
//! is slow to check.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

/// The walk waits when this many files are found but not handed on...
pub const HIGH: usize = 1024;
/// ...until the window is down to this many.
pub const LOW: usize = HIGH / 2;

/// Results of type `T`, handed to `F` in order.
pub struct Window<T, F> {
    state: Mutex<State<T, F>>,
    room: Condvar,
}

struct State<T, F> {
    /// The number of the file in the first slot.
    first: usize,
    slots: VecDeque<Slot<T>>,
    hand_on: F,
}

enum Slot<T> {
    /// Its check has not ended.
    Waiting,
    Done(T),
    /// Its check panicked: nothing to hand on (the panic ends the run once every check
    /// has ended), but the files after it must not wait for it.
    Lost,
}

impl<T, F: FnMut(T)> Window<T, F> {
    pub fn new(hand_on: F) -> Self {
        Window {
            state: Mutex::new(State {
                first: 0,
                slots: VecDeque::new(),
                hand_on,
            }),
            room: Condvar::new(),
        }
    }

    /// Take in the next file found, waiting while the window is full; its number in
    /// the walk's order.
    pub fn enter(&self) -> usize {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.slots.len() >= HIGH {
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.slots.push_back(Slot::Waiting);
        state.first + state.slots.len() - 1
    }

    /// The place of file `number`'s result. Dropped unfilled (its check panicked), it
    /// still lets the files after it through.
    pub fn place(&self, number: usize) -> Place<'_, T, F> {
        Place {
            window: self,
            number,
            filled: false,
        }
    }

    fn fill(&self, number: usize, slot: Slot<T>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let before = state.slots.len();
        let at = number - state.first;
        if let Some(place) = state.slots.get_mut(at) {
            *place = slot;
        }
        while !matches!(state.slots.front(), None | Some(Slot::Waiting)) {
            state.first += 1;
            if let Some(Slot::Done(result)) = state.slots.pop_front() {
                (state.hand_on)(result);
            }
        }
        if before > LOW && state.slots.len() <= LOW {
            self.room.notify_one();
        }
    }
}

/// Where one file's result goes (see [`Window::place`]).
pub struct Place<'w, T, F: FnMut(T)> {
    window: &'w Window<T, F>,
    number: usize,
    filled: bool,
}

impl<T, F: FnMut(T)> Place<'_, T, F> {
    pub fn fill(mut self, result: T) {
        self.filled = true;
        self.window.fill(self.number, Slot::Done(result));
    }
}

impl<T, F: FnMut(T)> Drop for Place<'_, T, F> {
    fn drop(&mut self) {
        if !self.filled {
            self.window.fill(self.number, Slot::Lost);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_leave_in_the_order_files_entered() {
        let mut out = Vec::new();
        let window = Window::new(|n: usize| out.push(n));
        let numbers: Vec<usize> = (0..5).map(|_| window.enter()).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4]);
        for n in [3, 1, 4, 0, 2] {
            window.place(n).fill(n);
        }
        drop(window);
        assert_eq!(out, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_check_that_panics_does_not_stop_the_files_after_it() {
        let mut out = Vec::new();
        let window = Window::new(|n: usize| out.push(n));
        for _ in 0..HIGH {
            window.enter();
        }
        let job = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _place = window.place(0);
            panic!("a check panicked");
        }));
        assert!(job.is_err());
        window.place(1).fill(1);
        // Would wait for good had the panicking check kept its slot.
        assert_eq!(window.enter(), HIGH);
        window.place(HIGH).fill(HIGH);
        drop(window);
        assert_eq!(out, [1]);
    }
}
